/** `packer-wire/host` (Node only): a live host for Packer plugins: process start, handshake, yamux sessions + the mux broker, net/rpc, component calls. */
export { runDescribe, startPlugin, pluginEnvironment, MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE, type DescribeResult, type StartedPlugin } from './process.js';
export { YamuxStream, StreamState } from './yamux/stream.js';
export { YamuxSession, type SessionOptions as YamuxSessionOptions, type FrameEvent } from './yamux/session.js';
export { MuxBroker, type BrokerOptions } from './yamux/broker.js';
export { readExactly } from './yamux/read.js';
export { DEFAULT_SESSION_LIMITS, ByteBudget, isLimitExceeded, type SessionLimits } from './yamux/limits.js';
export { HostError, RpcRemoteError, isHostError, type HostErrorCode } from './errors.js';
export { launchPlugin, killAllPlugins, livePluginCount, PluginProcess, type LaunchOptions, type ExitStatus } from './launch.js';
export { RpcClient, type RpcClientOptions, type RpcTrace } from './rpc-client.js';
export { RpcServer, type RpcHandler, type RpcService } from './rpc-server.js';
export { RecordingUi, RemoteUi, serveUi, type HostUi, type ProgressTracker, type UiEvent } from './ui.js';
export { startComponent, startSession, PluginSession, type SessionOptions } from './session.js';
export {
  ArtifactClient,
  BuilderClient,
  DatasourceClient,
  PostProcessorClient,
  ProvisionerClient,
  type HostArtifact,
  type HostHook,
  type CallOptions,
  type LongCallOptions,
  type PrepareResult,
  type PostProcessResult,
  type ExecuteResult,
} from './components.js';
export { decodeSpecPayload, decodeValuePayload, configsArg, type ConfigArg } from './payloads.js';
export { communicatorService, CommunicatorClient, type HostCommunicator } from './communicator.js';
export { DEFAULT_HOST_LIMITS, hostLimits, CallCounter, type HostLimits } from './limits.js';
export { decodeSpecOffThread, decodeValueOffThread, WorkerGate, type OffloadOptions } from './decode-offload.js';
export { inspectComponent, describedComponents, autoProtocol, type ComponentSpecs } from './inspect.js';
export {
  packerVariables,
  packerPluginEnvironment,
  packerDescribeEnvironment,
  describeAsPacker,
  newRunUuid,
  packerUi,
  NO_TTY,
  parseGoDuration,
  versionAtLeast,
  prepareBuilderAsPacker,
  prepareProvisionerAsPacker,
  provisionAsPacker,
  preparePostProcessorAsPacker,
  postProcessAsPacker,
  executeDatasourceAsPacker,
  reportArtifactAsPacker,
  destroyArtifactAsPacker,
  type PackerRun,
  type PackerSource,
  type PackerPrepared,
  type PackerProvision,
  type PackerPostProcess,
  type ArtifactReport,
} from './packer.js';
export { proxiedCommunicator, type BrokerSide, type CommunicatorProxyOptions } from './communicator-proxy.js';
export {
  runBuild,
  processGroupsLeft,
  readBuildDescription,
  configValue,
  buildProtocol,
  type BuildDescription,
  type BuildComponent,
  type BuildProvisioner,
  type BuildPostProcessor,
  type BuildOptions,
  type BuildResult,
  type BuildUiEvent,
} from './build.js';
