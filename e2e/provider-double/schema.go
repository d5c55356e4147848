package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"

	"github.com/hashicorp/terraform-plugin-go/tfprotov5"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// SchemaFileEnv names the schema file explicitly; otherwise the one file matching
// SchemaFilePattern next to the binary (install-toolchain.sh copies schema/reference's file of
// that release there). The file's name says which release the double models.
const (
	SchemaFileEnv     = "GRAFANA_DOUBLE_SCHEMA"
	SchemaFilePattern = "grafana-provider-schema.v*.json"
)

var schemaFileName = regexp.MustCompile(`^grafana-provider-schema\.v(\d+\.\d+\.\d+)\.json$`)

// VersionOf is the release a schema file holds, from its name.
func VersionOf(path string) (string, error) {
	m := schemaFileName.FindStringSubmatch(filepath.Base(path))
	if m == nil {
		return "", fmt.Errorf("%s: the schema file's name must be grafana-provider-schema.v<version>.json (it says which release the double models)", path)
	}
	return m[1], nil
}

// The subset of `terraform providers schema -json` the double reads.
type jsonSchemaFile struct {
	ProviderSchemas map[string]*jsonProviderSchema `json:"provider_schemas"`
}

type jsonProviderSchema struct {
	Provider          *jsonSchema            `json:"provider"`
	ResourceSchemas   map[string]*jsonSchema `json:"resource_schemas"`
	DataSourceSchemas map[string]*jsonSchema `json:"data_source_schemas"`
}

type jsonSchema struct {
	Version int64      `json:"version"`
	Block   *jsonBlock `json:"block"`
}

type jsonBlock struct {
	Attributes      map[string]*jsonAttribute `json:"attributes"`
	BlockTypes      map[string]*jsonBlockType `json:"block_types"`
	Description     string                    `json:"description"`
	DescriptionKind string                    `json:"description_kind"`
	Deprecated      bool                      `json:"deprecated"`
}

type jsonAttribute struct {
	Type            json.RawMessage `json:"type"`
	NestedType      json.RawMessage `json:"nested_type"`
	Description     string          `json:"description"`
	DescriptionKind string          `json:"description_kind"`
	Deprecated      bool            `json:"deprecated"`
	Required        bool            `json:"required"`
	Optional        bool            `json:"optional"`
	Computed        bool            `json:"computed"`
	Sensitive       bool            `json:"sensitive"`
	WriteOnly       bool            `json:"write_only"`
}

type jsonBlockType struct {
	NestingMode string     `json:"nesting_mode"`
	Block       *jsonBlock `json:"block"`
	MinItems    int64      `json:"min_items"`
	MaxItems    int64      `json:"max_items"`
}

// Schema is the provider schema the double serves, with lookup indexes.
type Schema struct {
	Path        string
	Provider    *tfprotov5.Schema
	Resources   map[string]*tfprotov5.Schema
	DataSources map[string]*tfprotov5.Schema
	types       map[*tfprotov5.Schema]tftypes.Type
	index       map[*tfprotov5.SchemaBlock]*blockIndex
}

type blockIndex struct {
	attrs  map[string]*tfprotov5.SchemaAttribute
	blocks map[string]*tfprotov5.SchemaNestedBlock
}

// SchemaPath is where the double reads its schema from.
func SchemaPath() (string, error) {
	if p := os.Getenv(SchemaFileEnv); p != "" {
		return p, nil
	}
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(exe), SchemaFilePattern))
	if len(matches) != 1 {
		return "", fmt.Errorf("expected exactly one %s next to %s, found %d (install it with scripts/install-toolchain.sh, or set %s)", SchemaFilePattern, exe, len(matches), SchemaFileEnv)
	}
	return matches[0], nil
}

// LoadSchema reads a `terraform providers schema -json` file holding one provider.
func LoadSchema(path string) (*Schema, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the double's schema: %w (build it with scripts/install-toolchain.sh, or set %s)", err, SchemaFileEnv)
	}
	var file jsonSchemaFile
	if err := json.Unmarshal(data, &file); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(file.ProviderSchemas) != 1 {
		return nil, fmt.Errorf("%s: expected exactly one entry in provider_schemas, found %d", path, len(file.ProviderSchemas))
	}
	s := &Schema{
		Path:        path,
		Resources:   map[string]*tfprotov5.Schema{},
		DataSources: map[string]*tfprotov5.Schema{},
		types:       map[*tfprotov5.Schema]tftypes.Type{},
		index:       map[*tfprotov5.SchemaBlock]*blockIndex{},
	}
	for _, p := range file.ProviderSchemas {
		if s.Provider, err = s.convert(p.Provider, "provider"); err != nil {
			return nil, err
		}
		for name, r := range p.ResourceSchemas {
			if s.Resources[name], err = s.convert(r, "resource "+name); err != nil {
				return nil, err
			}
		}
		for name, d := range p.DataSourceSchemas {
			if s.DataSources[name], err = s.convert(d, "data source "+name); err != nil {
				return nil, err
			}
		}
	}
	return s, nil
}

func (s *Schema) convert(js *jsonSchema, where string) (*tfprotov5.Schema, error) {
	if js == nil || js.Block == nil {
		return nil, fmt.Errorf("%s: no block", where)
	}
	block, err := s.convertBlock(js.Block, where)
	if err != nil {
		return nil, err
	}
	out := &tfprotov5.Schema{Version: js.Version, Block: block}
	s.types[out] = out.ValueType()
	return out, nil
}

func descriptionKind(k string) tfprotov5.StringKind {
	if k == "markdown" {
		return tfprotov5.StringKindMarkdown
	}
	return tfprotov5.StringKindPlain
}

var nestingModes = map[string]tfprotov5.SchemaNestedBlockNestingMode{
	"single": tfprotov5.SchemaNestedBlockNestingModeSingle,
	"list":   tfprotov5.SchemaNestedBlockNestingModeList,
	"set":    tfprotov5.SchemaNestedBlockNestingModeSet,
	"map":    tfprotov5.SchemaNestedBlockNestingModeMap,
	"group":  tfprotov5.SchemaNestedBlockNestingModeGroup,
}

func (s *Schema) convertBlock(jb *jsonBlock, where string) (*tfprotov5.SchemaBlock, error) {
	b := &tfprotov5.SchemaBlock{
		Description:     jb.Description,
		DescriptionKind: descriptionKind(jb.DescriptionKind),
		Deprecated:      jb.Deprecated,
	}
	idx := &blockIndex{attrs: map[string]*tfprotov5.SchemaAttribute{}, blocks: map[string]*tfprotov5.SchemaNestedBlock{}}
	for _, name := range sortedKeys(jb.Attributes) {
		ja := jb.Attributes[name]
		if len(ja.NestedType) > 0 {
			return nil, fmt.Errorf("%s.%s: nested_type attributes need protocol 6; the double speaks protocol 5", where, name)
		}
		t, err := tftypes.ParseJSONType(ja.Type) //nolint:staticcheck
		if err != nil {
			return nil, fmt.Errorf("%s.%s: type %s: %w", where, name, ja.Type, err)
		}
		a := &tfprotov5.SchemaAttribute{
			Name:            name,
			Type:            t,
			Description:     ja.Description,
			DescriptionKind: descriptionKind(ja.DescriptionKind),
			Required:        ja.Required,
			Optional:        ja.Optional,
			Computed:        ja.Computed,
			Sensitive:       ja.Sensitive,
			Deprecated:      ja.Deprecated,
			WriteOnly:       ja.WriteOnly,
		}
		b.Attributes = append(b.Attributes, a)
		idx.attrs[name] = a
	}
	for _, name := range sortedKeys(jb.BlockTypes) {
		jt := jb.BlockTypes[name]
		mode, ok := nestingModes[jt.NestingMode]
		if !ok || jt.Block == nil {
			return nil, fmt.Errorf("%s.%s: unsupported block type (nesting_mode %q)", where, name, jt.NestingMode)
		}
		inner, err := s.convertBlock(jt.Block, where+"."+name)
		if err != nil {
			return nil, err
		}
		nb := &tfprotov5.SchemaNestedBlock{TypeName: name, Block: inner, Nesting: mode, MinItems: jt.MinItems, MaxItems: jt.MaxItems}
		b.BlockTypes = append(b.BlockTypes, nb)
		idx.blocks[name] = nb
	}
	s.index[b] = idx
	return b, nil
}

// Type is the value type of a schema (cached).
func (s *Schema) Type(sch *tfprotov5.Schema) tftypes.Type {
	if t, ok := s.types[sch]; ok {
		return t
	}
	return sch.ValueType()
}

// AttributeAt finds the schema attribute a value path points at exactly (an attribute of the
// top-level block or of a nested block element), or nil (block collections, elements inside an
// attribute's own value, ...).
func (s *Schema) AttributeAt(block *tfprotov5.SchemaBlock, path *tftypes.AttributePath) *tfprotov5.SchemaAttribute {
	steps := path.Steps()
	b := block
	for i := 0; i < len(steps); i++ {
		name, ok := steps[i].(tftypes.AttributeName)
		if !ok {
			return nil
		}
		idx := s.index[b]
		if idx == nil {
			return nil
		}
		if a, ok := idx.attrs[string(name)]; ok {
			if i == len(steps)-1 {
				return a
			}
			return nil
		}
		nb, ok := idx.blocks[string(name)]
		if !ok {
			return nil
		}
		switch nb.Nesting {
		case tfprotov5.SchemaNestedBlockNestingModeList, tfprotov5.SchemaNestedBlockNestingModeSet, tfprotov5.SchemaNestedBlockNestingModeMap:
			i++ // the element key
			if i >= len(steps) {
				return nil
			}
		}
		b = nb.Block
	}
	return nil
}

// TopAttribute is the attribute of the top-level block named name, or nil.
func (s *Schema) TopAttribute(block *tfprotov5.SchemaBlock, name string) *tfprotov5.SchemaAttribute {
	if idx := s.index[block]; idx != nil {
		return idx.attrs[name]
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
