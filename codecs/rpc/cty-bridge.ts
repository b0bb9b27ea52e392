/**
 * The cty JSON codec the rpc codec uses for Prepare/Configure `Configs` elements: the SDK's
 * `encodeCTYValues` / `decodeCTYValues` (rpc/cty_encode.go) are go-cty `json.Marshal` /
 * `json.Unmarshal` with `cty.DynamicPseudoType`, i.e. `{"value": …, "type": …}`.
 */
import type { DecodeBudget } from '../wire/limits.js';
import type { CtyValue } from '../cty/values.js';
import { T } from '../cty/types.js';
import { marshalCtyJSON, unmarshalCtyJSON } from '../cty/json.js';

export interface CtyJsonCodec {
  /** go-cty `json.Unmarshal(b, cty.DynamicPseudoType)`; throws WireError on bad input. */
  unmarshal(b: Uint8Array, limits?: DecodeBudget): CtyValue;
  /** go-cty `json.Marshal(v, cty.DynamicPseudoType)`; throws WireError where Go errors. */
  marshal(v: CtyValue): Uint8Array;
}

/** The codec for Configs elements: go-cty's JSON with DynamicPseudoType. */
export const ctyConfigJson: CtyJsonCodec = {
  unmarshal: (b, limits) => unmarshalCtyJSON(b, T.DynamicPseudoType, 0, limits),
  marshal: (v) => marshalCtyJSON(v, T.DynamicPseudoType),
};
