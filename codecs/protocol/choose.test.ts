import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_COMPONENT_NAME, type PluginDescription } from './describe.js';
import {
  PACKER_INTERNAL_COMPONENTS,
  chooseProtocol,
  discoveredPlugins,
  gobForcedBy,
  internalComponents,
  knownPackerVersions,
  startArgs,
  type DiscoveredPlugin,
  type InstalledPlugin,
} from './choose.js';

/** The tester plugin of Packer's own protocol tests, built against a gob-only or a v2 SDK. */
function tester(name: string, v2: boolean, lists: Partial<PluginDescription> = {}): DiscoveredPlugin {
  const description: PluginDescription = {
    version: '1.0.0',
    sdkVersion: v2 ? '0.6.0' : '0.5.4',
    apiVersion: 'x5.0',
    builders: ['dynamic'],
    postProcessors: ['dynamic'],
    provisioners: ['dynamic'],
    datasources: ['dynamic', 'parrot', 'sleeper'],
    ...lists,
  };
  if (v2) description.protocolVersion = 'v2';
  return { name, description };
}

const gob = (n = 'tester') => tester(n, false);
const pb = (n = 'tester') => tester(n, true);

// The seed PR's cases (packer_test/plugin_tests/gob_pb_test.go) plus the env rule edge cases.
const table: Array<{ name: string; plugins: DiscoveredPlugin[]; env?: Record<string, string>; want: 'gob' | 'protobuf'; by?: string }> = [
  { name: 'one plugin, gob only', plugins: [gob()], want: 'gob', by: 'tester' },
  { name: 'one plugin, v2', plugins: [pb()], want: 'protobuf' },
  { name: 'two plugins, one gob one v2 (different sources)', plugins: [gob('tester'), pb('pbtester')], want: 'gob', by: 'tester' },
  { name: 'two plugins, v2 first then gob', plugins: [pb('pbtester'), gob('tester')], want: 'gob', by: 'tester' },
  { name: 'two plugins, both v2', plugins: [pb('tester'), pb('pbtester')], want: 'protobuf' },
  { name: 'both v2, PACKER_FORCE_GOB=1', plugins: [pb('tester'), pb('pbtester')], env: { PACKER_FORCE_GOB: '1' }, want: 'gob', by: 'tester' },
  { name: 'both v2, PACKER_FORCE_GOB=0', plugins: [pb('tester'), pb('pbtester')], env: { PACKER_FORCE_GOB: '0' }, want: 'protobuf' },
  {
    name: 'both v2, PACKER_FORCE_GOB=false (any other non-empty value forces gob)',
    plugins: [pb('tester'), pb('pbtester')],
    env: { PACKER_FORCE_GOB: 'false' },
    want: 'gob',
    by: 'tester',
  },
  { name: 'both v2, PACKER_FORCE_GOB empty', plugins: [pb('tester'), pb('pbtester')], env: { PACKER_FORCE_GOB: '' }, want: 'protobuf' },
  {
    name: 'both v2, PACKER_FORCE_GOB=" 0" (not exactly "0")',
    plugins: [pb('tester'), pb('pbtester')],
    env: { PACKER_FORCE_GOB: ' 0' },
    want: 'gob',
    by: 'tester',
  },
  { name: 'both v2, PACKER_FORCE_GOB=00', plugins: [pb()], env: { PACKER_FORCE_GOB: '00' }, want: 'gob', by: 'tester' },
  // TestOnePluginLatestPBOlderGob_OlderPinned: the pinned gob version is discovered first; the
  // later pass over installed plugins finds the v2 version under the same names: it registers
  // nothing, so it cannot switch anything.
  { name: 'pinned older gob version, newer v2 installed', plugins: [gob('tester'), pb('tester')], want: 'gob', by: 'tester' },
  { name: 'v2 version registered first, gob version of the same plugin later', plugins: [pb('tester'), gob('tester')], want: 'protobuf' },
  // TestTwoPluginsLatestPBOlderGob_OlderPinned
  { name: 'pinned gob tester + v2 pbtester + newer v2 tester', plugins: [gob('tester'), pb('pbtester'), pb('tester')], want: 'gob', by: 'tester' },
  // TestOnePluginWithLatestOnlyGob: the latest install (gob) is the one discovered
  { name: 'latest version gob only', plugins: [gob('tester')], want: 'gob', by: 'tester' },
  // TestInternalOnly: nothing installed
  { name: 'no plugins at all', plugins: [], want: 'protobuf' },
  { name: 'no plugins, gob forced: nothing registers, protobuf stays', plugins: [], env: { PACKER_FORCE_GOB: '1' }, want: 'protobuf' },
  {
    name: 'gob plugin listing no components does not switch',
    plugins: [tester('empty', false, { builders: [], postProcessors: [], provisioners: [], datasources: [] }), pb('tester')],
    want: 'protobuf',
  },
  {
    name: 'protocol_version other than v2 counts as gob',
    plugins: [{ ...pb(), description: { ...pb().description, protocolVersion: 'v3' } }],
    want: 'gob',
    by: 'tester',
  },
  { name: 'protocol_version "" counts as gob', plugins: [{ ...pb(), description: { ...pb().description, protocolVersion: '' } }], want: 'gob', by: 'tester' },
];

for (const c of table) {
  test(`choose: ${c.name} -> ${c.want}`, () => {
    const r = chooseProtocol('v1.16.0', c.plugins, c.env ?? {});
    assert.is(r.protocol, c.want);
    assert.is(r.switchedToGobBy, c.by);
    assert.is(r.gobForced, gobForcedBy(c.env ?? {}));
  });
}

test('start arguments: --protobuf between kind and name only in protobuf mode', () => {
  const pbRun = chooseProtocol('v1.16.0', [pb()], {});
  assert.equal(pbRun.startArgs('datasource', 'parrot'), ['start', 'datasource', '--protobuf', 'parrot']);
  const gobRun = chooseProtocol('v1.16.0', [gob()], {});
  assert.equal(gobRun.startArgs('post-processor', 'dynamic'), ['start', 'post-processor', 'dynamic']);
  assert.equal(startArgs('protobuf', 'builder', DEFAULT_COMPONENT_NAME), ['start', 'builder', '--protobuf', DEFAULT_COMPONENT_NAME]);
});

test('registration: Packer names, default-name components under the plugin name, first claimant wins', () => {
  const a = tester('docker', true, { builders: [DEFAULT_COMPONENT_NAME], postProcessors: ['push', 'tag'], provisioners: [], datasources: [] });
  const r = chooseProtocol('v1.16.0', [a, pb('docker')], {});
  assert.equal(
    r.components.filter((c) => c.plugin === 'docker').map((c) => `${c.kind}:${c.packerName}:${c.componentName}`),
    [
      'builder:docker:' + DEFAULT_COMPONENT_NAME,
      'post-processor:docker-push:push',
      'post-processor:docker-tag:tag',
      'builder:docker-dynamic:dynamic',
      'post-processor:docker-dynamic:dynamic',
      'provisioner:docker-dynamic:dynamic',
      'datasource:docker-dynamic:dynamic',
      'datasource:docker-parrot:parrot',
      'datasource:docker-sleeper:sleeper',
    ],
  );
  assert.is(r.component('builder', 'docker')?.componentName, DEFAULT_COMPONENT_NAME);
  assert.is(r.component('datasource', 'docker'), undefined);
});

test('internal components registered first: a gob plugin whose only names collide switches nothing', () => {
  // A gob-only plugin "shell" with a provisioner "local" is "shell-local", an internal provisioner.
  const shell = tester('shell', false, { builders: [], postProcessors: [], provisioners: ['local'], datasources: [] });
  for (const v of knownPackerVersions()) assert.is(chooseProtocol(v, [shell], {}).protocol, 'protobuf', v);
  const shell2 = tester('shell', false, { builders: [], postProcessors: [], provisioners: ['remote'], datasources: [] });
  assert.is(chooseProtocol('v1.12.0', [shell2], {}).protocol, 'gob');
});

test('internal components differ between Packer versions: `provenance` is internal in 1.16 only', () => {
  const provenance = tester('provenance', false, { builders: [], postProcessors: [DEFAULT_COMPONENT_NAME], provisioners: [], datasources: [] });
  assert.is(chooseProtocol('v1.12.0', [provenance], {}).protocol, 'gob');
  assert.is(chooseProtocol('1.12.0', [provenance], {}).protocol, 'gob');
  assert.is(chooseProtocol('v1.16.0', [provenance], {}).protocol, 'protobuf');
  assert.ok(internalComponents('v1.16.0')['post-processor'].includes('provenance'));
  assert.not.ok(internalComponents('v1.12.0')['post-processor'].includes('provenance'));
  assert.equal(knownPackerVersions(), Object.keys(PACKER_INTERNAL_COMPONENTS).sort());
  assert.throws(
    () => chooseProtocol('v1.13.1', [provenance], {}),
    (e: unknown) => e instanceof RangeError && /no internal component list for Packer v1\.13\.1/.test(String(e)),
  );
});

test('discovery order: required plugins under their accessor (newest version of the source), then every installed name', () => {
  const d = (v2: boolean) => tester('x', v2).description;
  const installed: InstalledPlugin[] = [
    { name: 'tester', source: 'github.com/other/tester', version: '0.1.0', description: d(false) },
    { name: 't064', source: 'github.com/pw/t064', version: '0.1.0', description: d(true) },
    { name: 't064', source: 'github.com/pw/t064', version: '0.2.0', description: { ...d(true), version: '0.2.0' } },
  ];
  const found = discoveredPlugins([{ accessor: 'tester', source: 'github.com/pw/t064' }], installed);
  assert.equal(
    found.map((p) => `${p.name}@${p.description.version}`),
    ['tester@0.2.0', 'tester@1.0.0', 't064@0.2.0'],
  );
  // the gob-only `tester` file comes second: every name it has is taken by the accessor `tester`
  const r = chooseProtocol('v1.16.0', found, {});
  assert.is(r.protocol, 'protobuf');
  assert.ok(r.components.every((c) => c.plugin !== 'tester' || found[0]!.description.protocolVersion === 'v2'));
  assert.equal(discoveredPlugins([{ accessor: 'missing', source: 'github.com/a/missing' }], []), []);
});

test('PACKER_FORCE_GOB rule: set, non-empty, not exactly "0"', () => {
  assert.is(gobForcedBy({}), false);
  assert.is(gobForcedBy({ PACKER_FORCE_GOB: undefined }), false);
  assert.is(gobForcedBy({ PACKER_FORCE_GOB: '' }), false);
  assert.is(gobForcedBy({ PACKER_FORCE_GOB: '0' }), false);
  for (const v of ['1', 'true', 'false', 'no', 'off', '0 ', '00', ' ']) assert.is(gobForcedBy({ PACKER_FORCE_GOB: v }), true, v);
});

test.run();
