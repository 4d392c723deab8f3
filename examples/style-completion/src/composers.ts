/** Style periods: the classes of the model's `era` label. */
export const ERAS = ['baroque', 'classical', 'romantic', 'modern'] as const;
/** One of {@link ERAS}. */
export type Era = (typeof ERAS)[number];

/** Folder names (any source, lower-cased) that are not the composer's own key. */
const FOLDER_ALIASES: Readonly<Record<string, string>> = {
  beeth: 'beethoven',
  balakir: 'balakirev',
  burgm: 'burgmuller',
  muss: 'mussorgsky',
  tschai: 'tchaikovsky',
  small_test_set: 'brahms', // classical-piano-midi's one-file folder holds a Brahms intermezzo
};

const ERA_OF: Readonly<Record<string, Era>> = {
  bach: 'baroque',
  haydn: 'classical',
  mozart: 'classical',
  clementi: 'classical',
  beethoven: 'classical',
  debussy: 'modern',
  ravel: 'modern',
  rachmaninoff: 'modern',
  prokofiev: 'modern',
  scriabin: 'modern',
};

/**
 * The composer key of a file: its first folder, lower-cased, with the corpora's abbreviations
 * spelled out (`beeth` -> `beethoven`); piano-midi-de-extra's `Christmas` folder is kept as
 * `christmas` (carols arranged by Bernd Krueger).
 *
 * @example
 * ```ts
 * composerOf('beeth/appass_1.mid'); // 'beethoven'
 * composerOf('Haydn/Keyboard_Sonatas/6-1/midi_score.mid'); // 'haydn'
 * ```
 */
export function composerOf(file: string): string {
  const folder = (file.split('/')[0] ?? '').toLowerCase();
  return FOLDER_ALIASES[folder] ?? folder;
}

/**
 * The style period of a composer key: baroque (Bach), classical (Haydn, Mozart, Clementi,
 * Beethoven), modern (Debussy, Ravel, Rachmaninoff, Prokofiev, Scriabin), romantic otherwise.
 *
 * @example
 * ```ts
 * eraOf('clementi'); // 'classical'
 * ```
 */
export function eraOf(composer: string): Era {
  return ERA_OF[composer] ?? 'romantic';
}
