// Package gobench times the real Go libraries on the same vector files the
// TypeScript bench (`npm run bench`, bench/) times, so the two can be compared
// case by case.
//
// The TypeScript side picks the cases from vectors/manifest.json and hands
// them over in a JSON file named by PACKER_WIRE_BENCH_CASES; without it the
// benchmarks skip. Each case is decoded and encoded the way the SDK does it:
// gob into hcldec.ObjectSpec / cty.Value, proto.Unmarshal + FromProto, go-cty
// msgpack and json, ugorji msgpack (the SDK's net/rpc codec) into the SDK's
// own body types.
package gobench
