/** Plugin start-up as bytes: the describe line, the gob/protobuf choice and start arguments, the handshake line (`packer-wire/protocol`; running a plugin is `packer-wire/host`). */
export {
  parseDescribe,
  formatDescribe,
  packerComponentName,
  pluginNameFromBinary,
  componentList,
  DEFAULT_COMPONENT_NAME,
  PROTOCOL_VERSION_2,
  COMPONENT_KINDS,
  type ComponentKind,
  type PluginDescription,
} from './describe.js';
export {
  chooseProtocol,
  gobForcedBy,
  startArgs,
  FORCE_GOB_ENV,
  PACKER_INTERNAL_COMPONENTS,
  internalComponents,
  knownPackerVersions,
  discoveredPlugins,
  type WireProtocol,
  type DiscoveredPlugin,
  type RegisteredComponent,
  type ProtocolChoice,
  type InstalledPlugin,
  type RequiredPlugin,
} from './choose.js';
export {
  parseHandshake,
  formatHandshake,
  splitHostPort,
  HandshakeError,
  API_VERSION_MAJOR,
  API_VERSION_MINOR,
  type Handshake,
  type HandshakeErrorKind,
} from './handshake.js';
