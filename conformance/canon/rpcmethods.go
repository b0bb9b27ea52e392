package canon

import (
	"go/token"
	"reflect"
	"sort"
	"strings"

	sdkrpc "github.com/hashicorp/packer-plugin-sdk/rpc"
)

// RpcMethod describes one net/rpc method the SDK's rpc package serves.
//
// Args and Reply are the server method's declared argument and reply types
// with one level of pointer removed: the Go types the request and response
// bodies are decoded into by the serving side. Both sides of the SDK encode
// with ugorji, which writes a pointer like its target, so these are also the
// shapes on the wire.
type RpcMethod struct {
	Service string       // registered service name ("Builder"); "Ui*" for progress trackers
	Method  string       // method name ("Prepare")
	Server  string       // Go server type serving it ("*rpc.BuilderServer")
	Args    reflect.Type // request body type
	Reply   reflect.Type // response body type
}

// RpcServices maps each service name to the SDK server type registered under it
// (see rpc/server.go Register* and rpc/ui_progress_tracking.go). "Ui*" stands
// for the dynamic "Ui"+trackingID services registered by Ui.NewTrackProgress.
var RpcServices = map[string]reflect.Type{
	sdkrpc.DefaultArtifactEndpoint:      reflect.TypeOf(&sdkrpc.ArtifactServer{}),
	sdkrpc.DefaultBuildEndpoint:         reflect.TypeOf(&sdkrpc.BuildServer{}),
	sdkrpc.DefaultBuilderEndpoint:       reflect.TypeOf(&sdkrpc.BuilderServer{}),
	sdkrpc.DefaultCommunicatorEndpoint:  reflect.TypeOf(&sdkrpc.CommunicatorServer{}),
	sdkrpc.DefaultHookEndpoint:          reflect.TypeOf(&sdkrpc.HookServer{}),
	sdkrpc.DefaultPostProcessorEndpoint: reflect.TypeOf(&sdkrpc.PostProcessorServer{}),
	sdkrpc.DefaultProvisionerEndpoint:   reflect.TypeOf(&sdkrpc.ProvisionerServer{}),
	sdkrpc.DefaultDatasourceEndpoint:    reflect.TypeOf(&sdkrpc.DatasourceServer{}),
	sdkrpc.DefaultUiEndpoint:            reflect.TypeOf(&sdkrpc.UiServer{}),
	"Ui*":                               reflect.TypeOf(&sdkrpc.ProgressTrackingServer{}),
}

// RpcMethods maps "Service.Method" to its RpcMethod, for every method net/rpc
// registers on every SDK server type (built by reflection with net/rpc's own
// suitability rules, so promoted methods such as Communicator.ConfigSpec are
// included). Progress-tracker methods are keyed "Ui*.Add" and "Ui*.Close";
// use LookupRpcMethod to resolve a concrete "Ui<id>.Add".
var RpcMethods = buildRpcMethods()

var typeOfError = reflect.TypeOf((*error)(nil)).Elem()

func isExportedOrBuiltin(t reflect.Type) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return token.IsExported(t.Name()) || t.PkgPath() == ""
}

func buildRpcMethods() map[string]RpcMethod {
	out := map[string]RpcMethod{}
	for svc, typ := range RpcServices {
		for i := 0; i < typ.NumMethod(); i++ {
			m := typ.Method(i)
			if !m.IsExported() {
				continue
			}
			mt := m.Type
			if mt.NumIn() != 3 || mt.NumOut() != 1 || mt.Out(0) != typeOfError {
				continue
			}
			argT, replyT := mt.In(1), mt.In(2)
			if !isExportedOrBuiltin(argT) || replyT.Kind() != reflect.Pointer || !isExportedOrBuiltin(replyT) {
				continue
			}
			if argT.Kind() == reflect.Pointer {
				argT = argT.Elem()
			}
			out[svc+"."+m.Name] = RpcMethod{
				Service: svc, Method: m.Name, Server: typ.String(),
				Args: argT, Reply: replyT.Elem(),
			}
		}
	}
	return out
}

// LookupRpcMethod resolves a wire ServiceMethod, mapping "Ui<id>.Add" and
// "Ui<id>.Close" (progress trackers) to the "Ui*" entries.
func LookupRpcMethod(serviceMethod string) (RpcMethod, bool) {
	if m, ok := RpcMethods[serviceMethod]; ok {
		return m, true
	}
	dot := strings.LastIndex(serviceMethod, ".")
	if dot < 0 {
		return RpcMethod{}, false
	}
	svc, meth := serviceMethod[:dot], serviceMethod[dot+1:]
	if strings.HasPrefix(svc, "Ui") && len(svc) > 2 {
		m, ok := RpcMethods["Ui*."+meth]
		return m, ok
	}
	return RpcMethod{}, false
}

// RpcMethodNames returns the keys of RpcMethods, sorted.
func RpcMethodNames() []string {
	names := make([]string, 0, len(RpcMethods))
	for k := range RpcMethods {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// DecodeType is the type to hand ugorji when decoding a body of type t:
// t itself, except that a non-empty interface type (e.g. the `error` reply of
// Artifact.Destroy / Communicator.UploadDir) becomes interface{}, because
// ugorji cannot decode a non-nil value into a nil non-empty interface.
func DecodeType(t reflect.Type) reflect.Type {
	if t.Kind() == reflect.Interface && t.NumMethod() > 0 {
		return reflect.TypeOf((*any)(nil)).Elem()
	}
	return t
}
