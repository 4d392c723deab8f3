// @ts-check
/**
 * TypeDoc plugin: links written as `~/path` in `navigationLinks` / `sidebarLinks` (typedoc.json)
 * resolve against the site root on every page. TypeDoc emits those links verbatim, so a plain
 * relative link such as `documents/Getting_started.html` only works from pages at the root and
 * 404s from `classes/…`, `functions/…` and every other nested page.
 */
import { PageEvent } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.renderer.on(PageEvent.END, (page) => {
    if (!page.contents) return;
    const depth = page.url.split('/').length - 1;
    const prefix = depth === 0 ? './' : '../'.repeat(depth);
    page.contents = page.contents.replaceAll('href="~/', `href="${prefix}`);
  });
}
