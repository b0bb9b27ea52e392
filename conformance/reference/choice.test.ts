import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkInternalComponents, judgeCase, type ReferenceCase } from './choice.js';
import { PACKER_INTERNAL_COMPONENTS } from '../../codecs/protocol/choose.js';

const describe = (v2: boolean, postProcessors: string[] = ['dynamic']) => ({
  version: '0.1.0',
  sdk_version: v2 ? '0.6.4' : '0.5.4',
  api_version: 'x5.0',
  builders: ['-packer-default-plugin-name-', 'tester'],
  post_processors: postProcessors,
  provisioners: ['tester'],
  datasources: [],
  ...(v2 ? { protocol_version: 'v2' } : {}),
});

function refCase(over: Partial<ReferenceCase>): ReferenceCase {
  return {
    id: 'v1.16.0/x/force-gob-unset',
    packer: 'v1.16.0',
    set: 'x',
    about: '',
    forceGob: null,
    required: [{ accessor: 't064', source: 'github.com/pw/t064' }],
    installed: [{ name: 't064', source: 'github.com/pw/t064', version: '0.1.0', build: 'tester-sdk0.6.4', describe: describe(true) }],
    starts: [],
    observed: 'protobuf',
    logSaysProtobuf: true,
    exitCode: 0,
    problems: [],
    ...over,
  };
}

test('judgeCase: agreement, disagreement and an unobserved run', () => {
  assert.ok(judgeCase(refCase({})).agree);
  const forced = judgeCase(refCase({ forceGob: ' 0', observed: 'protobuf' }));
  assert.not.ok(forced.agree);
  assert.is(forced.ours, 'gob');
  assert.match(forced.difference ?? '', /real Packer chose protobuf, chooseProtocol says gob/);
  const none = judgeCase(refCase({ observed: '', problems: ['no plugin component was started'] }));
  assert.not.ok(none.agree);
  assert.match(none.difference ?? '', /not observed: no plugin component was started/);
});

test('judgeCase: an installed, unused gob-only plugin switches the run; one named after an internal component of that version does not', () => {
  const gobUnused = { name: 't054', source: 'github.com/pw/t054', version: '0.1.0', build: 'tester-sdk0.5.4', describe: describe(false) };
  assert.is(judgeCase(refCase({ installed: [...refCase({}).installed, gobUnused] })).ours, 'gob');
  const provenance = {
    name: 'provenance',
    source: 'github.com/pw/provenance',
    version: '0.1.0',
    build: 'single-sdk0.5.4',
    describe: { ...describe(false, ['-packer-default-plugin-name-']), builders: [], provisioners: [] },
  };
  assert.is(judgeCase(refCase({ installed: [...refCase({}).installed, provenance] })).ours, 'protobuf');
  assert.is(judgeCase(refCase({ packer: 'v1.12.0', installed: [...refCase({}).installed, provenance] })).ours, 'gob');
});

test('checkInternalComponents: equal lists pass, a missing name and an unknown version are reported', () => {
  const same = Object.fromEntries(
    Object.entries(PACKER_INTERNAL_COMPONENTS).map(([v, k]) => [v, Object.fromEntries(Object.entries(k).map(([kind, l]) => [kind, [...l].reverse()]))]),
  );
  assert.equal(checkInternalComponents(same), []);
  const v16 = PACKER_INTERNAL_COMPONENTS['v1.16.0']!;
  const missing = { 'v1.16.0': { ...v16, 'post-processor': v16['post-processor'].filter((n) => n !== 'provenance') } };
  assert.equal(checkInternalComponents(missing as unknown as Record<string, Record<string, string[]>>).length, 1);
  assert.match(checkInternalComponents({ 'v9.9.9': {} })[0] ?? '', /no internal component list for Packer v9\.9\.9/);
});

test.run();
