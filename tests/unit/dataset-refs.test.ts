/**
 * Honest permalinks (issue 15): the `d.<id>=<rows>.<short hash>.<name>` parameters a link
 * carries, through the URL hash codec and back, and the plain notice for a dataset a device
 * lacks or has in another version.
 */
import { describe, expect, it } from 'vitest';
import {
  datasetRefParam,
  linkDatasetNotice,
  linkDatasetProblems,
  readDatasetRefs,
  shownDatasetRefs,
  withDatasetRefs,
  type DatasetRef,
  type DeviceDataset,
} from '../../src/lib/share/dataset-refs.ts';
import { formatHash, parseHash } from '../../src/lib/state/url-hash.ts';

const ACLED: DatasetRef = { id: 'acled-2021', name: 'acled_2021.csv', rows: 2734, hash: '9f2c4e01ab3d' };
const HASH = '9f2c4e01ab3d5566778899aabbccddeeff00112233445566778899aabbccddee';

describe('dataset parameters of a link', () => {
  it('round-trips through the hash codec, names with dots, spaces and Burmese included', () => {
    const refs: DatasetRef[] = [ACLED, { id: 'sagaing', name: 'Sagaing v2. (ဆိပ်ကမ်း) & co.csv', rows: 1, hash: 'abcdefabcdef' }];
    const hash = formatHash({ view: { zoom: 6, lat: 21, lon: 96, bearing: 0, pitch: 0 }, params: withDatasetRefs(new Map([['cat', 'air_strike']]), refs) });
    const back = parseHash(hash).params;
    expect(back.get('cat')).toBe('air_strike');
    expect(readDatasetRefs(back).sort((a, b) => a.id.localeCompare(b.id))).toEqual(refs.slice().sort((a, b) => a.id.localeCompare(b.id)));
  });

  it('writes rows, the short hash and the name', () => {
    expect(datasetRefParam({ ...ACLED, hash: HASH })).toEqual(['d.acled-2021', '2734.9f2c4e01ab3d.acled_2021.csv']);
  });

  it('drops malformed entries and keeps the rest', () => {
    const params = new Map([
      ['d.acled-2021', '2734.9f2c4e01ab3d.acled_2021.csv'],
      ['d.Bad Id', '1.9f2c4e01ab3d.x'],
      ['d.short', '1.9f2c.x'],
      ['d.noname', '1.9f2c4e01ab3d.'],
      ['d.rows', 'many.9f2c4e01ab3d.x'],
    ]);
    expect(readDatasetRefs(params)).toEqual([ACLED]);
  });

  it('names the shown datasets whose hash is known, with records', () => {
    const device: DeviceDataset[] = [
      { id: 'curated', name: 'Curated incidents', rows: 40, hash: 'aaaaaaaaaaaaaaaa' },
      { id: 'acled-2021', name: 'acled_2021.csv', rows: 2734, hash: HASH },
      { id: 'pending', name: 'pending.csv', rows: 5, hash: undefined },
      { id: 'empty', name: 'empty.csv', rows: 0, hash: HASH },
    ];
    expect(shownDatasetRefs({ datasets: device, shown: null }).map((r) => r.id)).toEqual(['curated', 'acled-2021']);
    expect(shownDatasetRefs({ datasets: device, shown: new Set(['acled-2021']) })).toEqual([ACLED]);
  });
});

describe('a link opened on another device', () => {
  const device: DeviceDataset[] = [{ id: 'curated', name: 'Curated incidents', rows: 40, hash: 'aaaaaaaaaaaa' }];

  it('says plainly which dataset is not here, with its name and count', () => {
    const problems = linkDatasetProblems([ACLED], device);
    expect(problems).toEqual([{ kind: 'missing', ref: ACLED }]);
    expect(linkDatasetNotice(problems[0] as (typeof problems)[0])).toBe(
      'This link shows 2,734 incidents from acled_2021.csv, which is not on this device. Ask the sender for the map package.',
    );
  });

  it('says so when the dataset is here in another version', () => {
    const here: DeviceDataset = { id: 'acled-2021', name: 'acled_2021.csv', rows: 2700, hash: '111111111111ffff' };
    const problems = linkDatasetProblems([ACLED], [...device, here]);
    expect(problems).toEqual([{ kind: 'other-version', ref: ACLED, device: here }]);
    expect(linkDatasetNotice(problems[0] as (typeof problems)[0])).toMatch(/^This link shows 2,734 incidents from acled_2021.csv \(version 9f2c4e01ab3d\); this device has another version of it \(2,700 incidents, version 111111111111\)/);
  });

  it('finds a dataset here under another id by its hash', () => {
    expect(linkDatasetProblems([ACLED], [...device, { id: 'acled-2021-2', name: 'renamed.csv', rows: 2734, hash: HASH }])).toEqual([]);
  });
});
