package main

import (
	"fmt"
	"sort"

	"github.com/hashicorp/hcl/v2/hcldec"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// impliedType mirrors hcldec.ImpliedType, tolerating a nil Nested spec
// (treated as an empty object) so any spec a plugin sends can be configured.
func impliedType(s hcldec.Spec) cty.Type {
	switch s := s.(type) {
	case nil:
		return cty.EmptyObject
	case hcldec.ObjectSpec:
		attrs := map[string]cty.Type{}
		for k, v := range s {
			attrs[k] = impliedType(v)
		}
		return cty.Object(attrs)
	case *hcldec.ObjectSpec:
		return impliedType(*s)
	case hcldec.TupleSpec:
		ts := []cty.Type{}
		for _, v := range s {
			ts = append(ts, impliedType(v))
		}
		return cty.Tuple(ts)
	case *hcldec.AttrSpec:
		return s.Type
	case *hcldec.LiteralSpec:
		return s.Value.Type()
	case *hcldec.DefaultSpec:
		return impliedType(s.Primary)
	case *hcldec.BlockSpec:
		return impliedType(s.Nested)
	case *hcldec.BlockListSpec:
		et := impliedType(s.Nested)
		if et.HasDynamicTypes() {
			return cty.DynamicPseudoType
		}
		return cty.List(et)
	case *hcldec.BlockSetSpec:
		et := impliedType(s.Nested)
		if et.HasDynamicTypes() {
			return cty.DynamicPseudoType
		}
		return cty.Set(et)
	case *hcldec.BlockMapSpec:
		et := impliedType(s.Nested)
		if et.HasDynamicTypes() {
			return cty.DynamicPseudoType
		}
		for range s.LabelNames {
			et = cty.Map(et)
		}
		return et
	case *hcldec.BlockAttrsSpec:
		return cty.Map(s.ElementType)
	case *hcldec.BlockLabelSpec:
		return cty.String
	default:
		return hcldec.ImpliedType(s)
	}
}

// configFor builds the cty config Packer would decode from a body: an object
// of the spec's implied type whose attributes are null (absent blocks of list,
// set and map kinds are empty collections, as hcldec decodes them), except the
// overrides, converted to the attribute types.
func configFor(spec hcldec.ObjectSpec, overrides map[string]cty.Value) (cty.Value, error) {
	attrs := map[string]cty.Value{}
	names := make([]string, 0, len(spec))
	for k := range spec {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		s := spec[name]
		ty := impliedType(s)
		if v, ok := overrides[name]; ok {
			cv, err := convert.Convert(v, ty)
			if err != nil {
				return cty.NilVal, fmt.Errorf("config attribute %q: %v", name, err)
			}
			attrs[name] = cv
			continue
		}
		switch s.(type) {
		case *hcldec.BlockListSpec:
			if ty.IsListType() {
				attrs[name] = cty.ListValEmpty(ty.ElementType())
				continue
			}
		case *hcldec.BlockSetSpec:
			if ty.IsSetType() {
				attrs[name] = cty.SetValEmpty(ty.ElementType())
				continue
			}
		case *hcldec.BlockMapSpec:
			if ty.IsMapType() {
				attrs[name] = cty.MapValEmpty(ty.ElementType())
				continue
			}
		case *hcldec.LiteralSpec:
			attrs[name] = s.(*hcldec.LiteralSpec).Value
			continue
		}
		attrs[name] = cty.NullVal(ty)
	}
	for name := range overrides {
		if _, ok := spec[name]; !ok {
			return cty.NilVal, fmt.Errorf("config attribute %q is not in the spec", name)
		}
	}
	return cty.ObjectVal(attrs), nil
}

func s(v string) cty.Value { return cty.StringVal(v) }
func n(v int64) cty.Value  { return cty.NumberIntVal(v) }
func strList(vs ...string) cty.Value {
	if len(vs) == 0 {
		return cty.ListValEmpty(cty.String)
	}
	out := []cty.Value{}
	for _, v := range vs {
		out = append(out, s(v))
	}
	return cty.ListVal(out)
}
func obj(m map[string]cty.Value) cty.Value { return cty.ObjectVal(m) }

// Overrides for the tester's components.

func testerFullBuilderConfig(extra map[string]cty.Value) map[string]cty.Value {
	m := map[string]cty.Value{
		"str":        s("hello"),
		"num":        cty.NumberFloatVal(1.5),
		"flag":       cty.True,
		"strs":       strList("a", "b"),
		"num_set":    cty.SetVal([]cty.Value{n(3), n(1)}),
		"labels":     cty.MapVal(map[string]cty.Value{"team": s("wire"), "$x": s("dollar")}),
		"list_lists": cty.ListVal([]cty.Value{cty.ListVal([]cty.Value{n(1), n(2)}), cty.ListValEmpty(cty.Number)}),
		"obj":        obj(map[string]cty.Value{"name": s("o"), "count": n(2), "tags": strList("t")}),
		"obj_opt":    obj(map[string]cty.Value{"a": s("only a")}),
		"empty_obj":  cty.EmptyObjectVal,
		"tup":        cty.TupleVal([]cty.Value{s("x"), n(-1), cty.False}),
		"empty_tup":  cty.EmptyTupleVal,
		"defaulted":  n(9),
		"tuple_spec": cty.TupleVal([]cty.Value{s("first"), cty.True}),
		"group":      obj(map[string]cty.Value{"group_a": s("ga"), "group_b": cty.ListVal([]cty.Value{n(5)})}),
		"block": obj(map[string]cty.Value{
			"name": s("outer"),
			"inner": obj(map[string]cty.Value{
				"value": n(10),
				"leaves": cty.ListVal([]cty.Value{obj(map[string]cty.Value{
					"id":      s("leaf-1"),
					"data":    cty.MapVal(map[string]cty.Value{"w": n(1)}),
					"deepest": obj(map[string]cty.Value{"ok": cty.True}),
				})}),
			}),
		}),
		"required_block": obj(map[string]cty.Value{"id": s("req")}),
		"blocks": cty.ListVal([]cty.Value{
			obj(map[string]cty.Value{"key": s("k1"), "value": s("v1")}),
			obj(map[string]cty.Value{"key": s("k2"), "value": cty.NullVal(cty.String)}),
		}),
		"block_set":       cty.SetVal([]cty.Value{obj(map[string]cty.Value{"item": n(1)})}),
		"block_map":       cty.MapVal(map[string]cty.Value{"first": obj(map[string]cty.Value{"value": s("v")})}),
		"block_attrs":     cty.MapVal(map[string]cty.Value{"k": s("v")}),
		"block_attrs_req": cty.MapVal(map[string]cty.Value{"nums": cty.ListVal([]cty.Value{n(1)})}),
		"labelled":        cty.ListVal([]cty.Value{obj(map[string]cty.Value{"label": s("l1"), "body": s("b1")})}),
		"unicode":         s("名前"),
		"$dollar":         s("$"),
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

func testerDefaultBuilderConfig(extra map[string]cty.Value) map[string]cty.Value {
	m := map[string]cty.Value{
		"str":       s("default builder"),
		"num":       n(0),
		"strs":      strList(),
		"labels":    cty.MapVal(map[string]cty.Value{"a": s("b")}),
		"matrix":    cty.ListVal([]cty.Value{cty.ListVal([]cty.Value{n(1), cty.NumberFloatVal(0.5)})}),
		"map_lists": cty.MapVal(map[string]cty.Value{"x": cty.ListVal([]cty.Value{cty.True, cty.False})}),
		"group":     obj(map[string]cty.Value{"group_a": s("ga")}),
		"block": obj(map[string]cty.Value{
			"name": s("b"),
			"inner": obj(map[string]cty.Value{
				"value":  cty.NullVal(cty.Number),
				"leaves": cty.ListVal([]cty.Value{obj(map[string]cty.Value{"id": s("l"), "data": cty.NullVal(cty.Map(cty.Number))})}),
			}),
		}),
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

var testerProvisionerConfig = map[string]cty.Value{
	"command":     s("tester-command --flag"),
	"environment": cty.MapVal(map[string]cty.Value{"FOO": s("bar"), "EMPTY": s("")}),
	"args":        strList("one", "two words"),
	"timeout":     n(30),
	"upload": cty.ListVal([]cty.Value{
		obj(map[string]cty.Value{"source": s("a.txt"), "destination": s("/tmp/a.txt")}),
	}),
	"retry": obj(map[string]cty.Value{"attempts": n(3), "backoff": cty.ListVal([]cty.Value{n(1), n(2), n(4)})}),
}

var testerPostProcessorConfig = map[string]cty.Value{
	"destination": s("/tmp/tester/out"),
	"keep":        cty.True,
	"metadata":    cty.MapVal(map[string]cty.Value{"k": s("v")}),
}

var testerChainConfig = map[string]cty.Value{
	"destination": s("/tmp/tester/out"),
	"keep":        cty.True,
}

func testerDatasourceConfig(caseNo int) map[string]cty.Value {
	return map[string]cty.Value{
		"case":    n(int64(caseNo)),
		"label":   s(fmt.Sprintf("case %d", caseNo)),
		"options": cty.MapVal(map[string]cty.Value{"opt": s("on")}),
		"filter":  cty.ListVal([]cty.Value{obj(map[string]cty.Value{"name": s("f"), "values": strList("x", "y")})}),
	}
}

// Overrides for the published plugins' components: plausible configs. The
// host only runs ConfigSpec and Prepare/Configure on these (no Run, which
// would need docker or a cloud account).
var publishedConfigs = map[string]map[string]cty.Value{
	"docker/builder/-packer-default-plugin-name-": {
		"image":   s("ubuntu:24.04"),
		"commit":  cty.True,
		"changes": strList("ENV FOO=bar", "EXPOSE 80"),
	},
	"docker/post-processor/import": {"repository": s("packer-wire/test"), "tag": s("latest")},
	"docker/post-processor/push":   {"login": cty.False},
	"docker/post-processor/save":   {"path": s("/tmp/packer-wire-image.tar")},
	"docker/post-processor/tag":    {"repository": s("packer-wire/test"), "tags": strList("a", "b")},
	"googlecompute/builder/-packer-default-plugin-name-": {
		"project_id":   s("packer-wire-project"),
		"source_image": s("debian-12-bookworm-v20240709"),
		"zone":         s("us-central1-a"),
		"ssh_username": s("packer"),
		"access_token": s("not-a-real-token"),
	},
	"googlecompute/post-processor/export": {"paths": strList("gs://packer-wire/image.tar.gz"), "access_token": s("not-a-real-token")},
	"googlecompute/post-processor/import": {
		"project_id": s("packer-wire-project"), "bucket": s("packer-wire"), "image_name": s("packer-wire-image"),
		"access_token": s("not-a-real-token"),
	},
	// The plugins below were released against SDK v0.2.x. Paths name files
	// that do not exist and URLs point at a closed local port, so Prepare /
	// Configure stays offline and fails the same way on every machine where
	// it checks the environment (qemu-img, VBoxManage, ansible-playbook).
	"qemu/builder/-packer-default-plugin-name-": {
		"iso_url":      s("https://releases.ubuntu.com/24.04/ubuntu-24.04-live-server-amd64.iso"),
		"iso_checksum": s("sha256:8762f7e74e4d64d72fceb5f70682e6b069932deedb4949c6975d0f0fe0a91be3"),
		"ssh_username": s("packer"),
		"vm_name":      s("packer-wire.qcow2"),
		"format":       s("qcow2"),
		"accelerator":  s("none"),
		"disk_size":    s("10G"),
		"memory":       n(2048),
		"headless":     cty.True,
		"boot_command": strList("<esc><wait>", "linux /casper/vmlinuz autoinstall<enter>"),
		"qemuargs":     cty.ListVal([]cty.Value{strList("-smp", "2"), strList("-display", "none")}),
	},
	"ansible/provisioner/-packer-default-plugin-name-": {
		"playbook_file":    s("/nonexistent/packer-wire/playbook.yml"),
		"user":             s("packer"),
		"groups":           strList("web", "db"),
		"extra_arguments":  strList("--extra-vars", "foo=bar"),
		"ansible_env_vars": strList("ANSIBLE_NOCOLOR=True"),
	},
	"ansible/provisioner/local": {
		"playbook_file":   s("/nonexistent/packer-wire/playbook.yml"),
		"extra_arguments": strList("-v"),
	},
	"vagrant/builder/-packer-default-plugin-name-": {
		"source_path":  s("hashicorp/bionic64"),
		"provider":     s("virtualbox"),
		"communicator": s("ssh"),
		"ssh_username": s("vagrant"),
		"box_version":  s("1.0.282"),
		"add_force":    cty.True,
		"output_dir":   s("/nonexistent/packer-wire/vagrant-output"),
	},
	"vagrant/post-processor/-packer-default-plugin-name-": {
		"compression_level": n(6),
		"output":            s("/nonexistent/packer-wire/{{.Provider}}.box"),
		"include":           strList("README.md"),
	},
	"vagrant/post-processor/cloud": {
		"box_tag":           s("packer-wire/test"),
		"version":           s("1.0.0"),
		"no_release":        cty.True,
		"vagrant_cloud_url": s("http://127.0.0.1:1/api/v1"),
	},
	"virtualbox/builder/iso": {
		"iso_url":       s("https://releases.ubuntu.com/24.04/ubuntu-24.04-live-server-amd64.iso"),
		"iso_checksum":  s("sha256:8762f7e74e4d64d72fceb5f70682e6b069932deedb4949c6975d0f0fe0a91be3"),
		"ssh_username":  s("packer"),
		"guest_os_type": s("Ubuntu_64"),
		"headless":      cty.True,
		"vboxmanage":    cty.ListVal([]cty.Value{strList("modifyvm", "{{.Name}}", "--memory", "2048")}),
	},
	"virtualbox/builder/ovf": {
		"source_path":  s("/nonexistent/packer-wire/source.ovf"),
		"ssh_username": s("packer"),
		"headless":     cty.True,
	},
	"virtualbox/builder/vm": {
		"vm_name":      s("packer-wire-vm"),
		"ssh_username": s("packer"),
	},
	"puppet/provisioner/masterless": {
		"manifest_file":   s("/nonexistent/packer-wire/site.pp"),
		"facter":          cty.MapVal(map[string]cty.Value{"role": s("web"), "env": s("test")}),
		"module_paths":    strList(),
		"extra_arguments": strList("--verbose"),
	},
	"puppet/provisioner/server": {
		"puppet_server": s("puppet.example.com"),
		"puppet_node":   s("packer-wire-node"),
		"facter":        cty.MapVal(map[string]cty.Value{"role": s("web")}),
	},
}

type ctyValue = cty.Value

var ctyTrue = cty.True

func ctyString(v string) cty.Value { return cty.StringVal(v) }
