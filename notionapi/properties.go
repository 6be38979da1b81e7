package notionapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
)

// PropertyType is the type of a data source property, such as "title" or
// "multi_select".
type PropertyType string

// Property types.
const (
	PropTitle          PropertyType = "title"
	PropRichText       PropertyType = "rich_text"
	PropNumber         PropertyType = "number"
	PropSelect         PropertyType = "select"
	PropMultiSelect    PropertyType = "multi_select"
	PropStatus         PropertyType = "status"
	PropDate           PropertyType = "date"
	PropCheckbox       PropertyType = "checkbox"
	PropURL            PropertyType = "url"
	PropEmail          PropertyType = "email"
	PropPhoneNumber    PropertyType = "phone_number"
	PropPeople         PropertyType = "people"
	PropRelation       PropertyType = "relation"
	PropFiles          PropertyType = "files"
	PropFormula        PropertyType = "formula"
	PropRollup         PropertyType = "rollup"
	PropCreatedTime    PropertyType = "created_time"
	PropCreatedBy      PropertyType = "created_by"
	PropLastEditedTime PropertyType = "last_edited_time"
	PropLastEditedBy   PropertyType = "last_edited_by"
	PropUniqueID       PropertyType = "unique_id"
	PropButton         PropertyType = "button"
	PropVerification   PropertyType = "verification"
	PropPlace          PropertyType = "place"
)

// ReadOnly reports whether values of this type are computed by Notion and
// cannot be written.
func (t PropertyType) ReadOnly() bool {
	switch t {
	case PropFormula, PropRollup, PropCreatedTime, PropCreatedBy, PropLastEditedTime,
		PropLastEditedBy, PropUniqueID, PropButton:
		return true
	}
	return !t.Known()
}

// Known reports whether this package decodes the type into typed fields.
func (t PropertyType) Known() bool {
	switch t {
	case PropTitle, PropRichText, PropNumber, PropSelect, PropMultiSelect, PropStatus, PropDate,
		PropCheckbox, PropURL, PropEmail, PropPhoneNumber, PropPeople, PropRelation, PropFiles,
		PropFormula, PropRollup, PropCreatedTime, PropCreatedBy, PropLastEditedTime,
		PropLastEditedBy, PropUniqueID, PropButton, PropVerification, PropPlace:
		return true
	}
	return false
}

// SelectOption is an option of a select, multi-select or status property,
// or the value of one.
type SelectOption struct {
	ID          string  `json:"id,omitempty"`
	Name        string  `json:"name,omitempty"`
	Color       string  `json:"color,omitempty"`
	Description *string `json:"description,omitempty"`
}

// StatusGroup groups status options (for instance To-do, In progress,
// Complete).
type StatusGroup struct {
	ID        string   `json:"id,omitempty"`
	Name      string   `json:"name"`
	Color     string   `json:"color,omitempty"`
	OptionIDs []string `json:"option_ids"`
}

// DateValue is a date or a date range. Start and End are ISO 8601 dates or
// date-times.
type DateValue struct {
	Start    string  `json:"start"`
	End      *string `json:"end"`
	TimeZone *string `json:"time_zone"`
}

// File is an entry of a files property.
type File struct {
	Name       string     `json:"name,omitempty"`
	Type       string     `json:"type,omitempty"` // "external", "file" or "file_upload"
	External   *FileURL   `json:"external,omitempty"`
	File       *FileURL   `json:"file,omitempty"`
	FileUpload *ObjectRef `json:"file_upload,omitempty"`
}

// URL returns the file's address.
func (f File) URL() string {
	switch {
	case f.External != nil:
		return f.External.URL
	case f.File != nil:
		return f.File.URL
	}
	return ""
}

// Formula is the computed value of a formula property.
type Formula struct {
	Type    string     `json:"type"` // "string", "number", "boolean", "date"
	String  *string    `json:"string,omitempty"`
	Number  *float64   `json:"number,omitempty"`
	Boolean *bool      `json:"boolean,omitempty"`
	Date    *DateValue `json:"date,omitempty"`
}

// Rollup is the computed value of a rollup property.
type Rollup struct {
	Type     string          `json:"type"` // "number", "date", "array", "unsupported", "incomplete"
	Number   *float64        `json:"number,omitempty"`
	Date     *DateValue      `json:"date,omitempty"`
	Array    []PropertyValue `json:"array,omitempty"`
	Function string          `json:"function,omitempty"`
}

// UniqueID is the value of a unique ID property, shown as PREFIX-NUMBER.
type UniqueID struct {
	Prefix *string `json:"prefix"`
	Number *int64  `json:"number"`
}

// String formats the ID as Notion shows it.
func (u UniqueID) String() string {
	if u.Number == nil {
		return ""
	}
	if u.Prefix != nil && *u.Prefix != "" {
		return fmt.Sprintf("%s-%d", *u.Prefix, *u.Number)
	}
	return fmt.Sprint(*u.Number)
}

// Verification is the value of a verification property.
type Verification struct {
	State      string     `json:"state"` // "verified", "expired", "unverified"
	Date       *DateValue `json:"date,omitempty"`
	VerifiedBy *User      `json:"verified_by,omitempty"`
}

// Place is a location.
type Place struct {
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
	Name    *string `json:"name,omitempty"`
	Address *string `json:"address,omitempty"`
}

// PropertyValue is the value of a page property. Type says which field is
// set. It serves both reading (page responses) and writing (create and
// update bodies). A value of a type this package does not know keeps its
// payload in Raw and is written back unchanged.
type PropertyValue struct {
	ID   string       `json:"id,omitempty"`
	Type PropertyType `json:"type,omitempty"`

	Title          RichTexts      `json:"title,omitempty"`
	RichText       RichTexts      `json:"rich_text,omitempty"`
	Number         *float64       `json:"number,omitempty"`
	Select         *SelectOption  `json:"select,omitempty"`
	MultiSelect    []SelectOption `json:"multi_select,omitempty"`
	Status         *SelectOption  `json:"status,omitempty"`
	Date           *DateValue     `json:"date,omitempty"`
	Checkbox       bool           `json:"checkbox,omitempty"`
	URL            *string        `json:"url,omitempty"`
	Email          *string        `json:"email,omitempty"`
	PhoneNumber    *string        `json:"phone_number,omitempty"`
	People         []User         `json:"people,omitempty"`
	Relation       []ObjectRef    `json:"relation,omitempty"`
	HasMore        bool           `json:"has_more,omitempty"` // relation lists cut at 25 references
	Files          []File         `json:"files,omitempty"`
	Formula        *Formula       `json:"formula,omitempty"`
	Rollup         *Rollup        `json:"rollup,omitempty"`
	CreatedTime    string         `json:"created_time,omitempty"`
	CreatedBy      *User          `json:"created_by,omitempty"`
	LastEditedTime string         `json:"last_edited_time,omitempty"`
	LastEditedBy   *User          `json:"last_edited_by,omitempty"`
	UniqueID       *UniqueID      `json:"unique_id,omitempty"`
	Verification   *Verification  `json:"verification,omitempty"`
	Place          *Place         `json:"place,omitempty"`

	// Raw holds the payload (the value under the type's key) of a type
	// this package does not know.
	Raw json.RawMessage `json:"-"`
}

type propertyValueFields PropertyValue

// UnmarshalJSON decodes a property value and keeps the payload of an
// unknown type.
func (v *PropertyValue) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, (*propertyValueFields)(v)); err != nil {
		return err
	}
	if v.Type == "" || v.Type.Known() {
		return nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	v.Raw = m[string(v.Type)]
	return nil
}

// MarshalJSON writes the value with its type and only the field of that
// type, including empty arrays and nulls, which clear a property.
func (v PropertyValue) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	if v.ID != "" {
		buf.WriteString(`"id":`)
		writeJSON(&buf, v.ID)
		buf.WriteByte(',')
	}
	if v.Type == "" {
		return nil, fmt.Errorf("notionapi: property value has no type")
	}
	buf.WriteString(`"type":`)
	writeJSON(&buf, v.Type)
	buf.WriteByte(',')
	writeJSON(&buf, string(v.Type))
	buf.WriteByte(':')
	payload, err := v.payload()
	if err != nil {
		return nil, err
	}
	buf.Write(payload)
	if v.Type == PropRelation && v.HasMore {
		buf.WriteString(`,"has_more":true`)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

func (v PropertyValue) payload() ([]byte, error) {
	var x any
	switch v.Type {
	case PropTitle:
		x = v.Title
	case PropRichText:
		x = v.RichText
	case PropNumber:
		x = v.Number
	case PropSelect:
		x = v.Select
	case PropMultiSelect:
		x = nonNil(v.MultiSelect)
	case PropStatus:
		x = v.Status
	case PropDate:
		x = v.Date
	case PropCheckbox:
		x = v.Checkbox
	case PropURL:
		x = v.URL
	case PropEmail:
		x = v.Email
	case PropPhoneNumber:
		x = v.PhoneNumber
	case PropPeople:
		x = nonNil(v.People)
	case PropRelation:
		x = nonNil(v.Relation)
	case PropFiles:
		x = nonNil(v.Files)
	case PropFormula:
		x = v.Formula
	case PropRollup:
		x = v.Rollup
	case PropCreatedTime:
		x = v.CreatedTime
	case PropCreatedBy:
		x = v.CreatedBy
	case PropLastEditedTime:
		x = v.LastEditedTime
	case PropLastEditedBy:
		x = v.LastEditedBy
	case PropUniqueID:
		x = v.UniqueID
	case PropButton:
		return []byte("{}"), nil
	case PropVerification:
		x = v.Verification
	case PropPlace:
		x = v.Place
	default:
		if v.Raw == nil {
			return []byte("null"), nil
		}
		return v.Raw, nil
	}
	return json.Marshal(x)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func writeJSON(buf *bytes.Buffer, x any) {
	b, _ := json.Marshal(x)
	buf.Write(b)
}

// Value constructors for request bodies.

// TitleValue returns a title value holding plain text.
func TitleValue(s string) PropertyValue { return PropertyValue{Type: PropTitle, Title: PlainText(s)} }

// RichTextValue returns a rich text value holding plain text.
func RichTextValue(s string) PropertyValue {
	return PropertyValue{Type: PropRichText, RichText: PlainText(s)}
}

// NumberValue returns a number value.
func NumberValue(n float64) PropertyValue { return PropertyValue{Type: PropNumber, Number: &n} }

// SelectValue returns a select value naming an option.
func SelectValue(name string) PropertyValue {
	return PropertyValue{Type: PropSelect, Select: &SelectOption{Name: name}}
}

// StatusValue returns a status value naming an option.
func StatusValue(name string) PropertyValue {
	return PropertyValue{Type: PropStatus, Status: &SelectOption{Name: name}}
}

// MultiSelectValue returns a multi-select value naming options.
func MultiSelectValue(names ...string) PropertyValue {
	opts := make([]SelectOption, len(names))
	for i, n := range names {
		opts[i] = SelectOption{Name: n}
	}
	return PropertyValue{Type: PropMultiSelect, MultiSelect: opts}
}

// DateValueOf returns a date value; end may be "" for a single date.
func DateValueOf(start, end string) PropertyValue {
	d := &DateValue{Start: start}
	if end != "" {
		d.End = &end
	}
	return PropertyValue{Type: PropDate, Date: d}
}

// CheckboxValue returns a checkbox value.
func CheckboxValue(b bool) PropertyValue { return PropertyValue{Type: PropCheckbox, Checkbox: b} }

// URLValue returns a URL value.
func URLValue(s string) PropertyValue { return PropertyValue{Type: PropURL, URL: &s} }

// EmailValue returns an email value.
func EmailValue(s string) PropertyValue { return PropertyValue{Type: PropEmail, Email: &s} }

// PhoneValue returns a phone number value.
func PhoneValue(s string) PropertyValue { return PropertyValue{Type: PropPhoneNumber, PhoneNumber: &s} }

// PeopleValue returns a people value naming users by ID.
func PeopleValue(ids ...string) PropertyValue {
	users := make([]User, len(ids))
	for i, id := range ids {
		users[i] = User{Object: "user", ID: id}
	}
	return PropertyValue{Type: PropPeople, People: users}
}

// RelationValue returns a relation value naming pages by ID.
func RelationValue(ids ...string) PropertyValue {
	refs := make([]ObjectRef, len(ids))
	for i, id := range ids {
		refs[i] = ObjectRef{ID: id}
	}
	return PropertyValue{Type: PropRelation, Relation: refs}
}

// ExternalFilesValue returns a files value of external URLs.
func ExternalFilesValue(urls ...string) PropertyValue {
	files := make([]File, len(urls))
	for i, u := range urls {
		files[i] = File{Name: fileName(u), Type: "external", External: &FileURL{URL: u}}
	}
	return PropertyValue{Type: PropFiles, Files: files}
}

func fileName(u string) string {
	if i := bytes.LastIndexByte([]byte(u), '/'); i >= 0 && i+1 < len(u) {
		name := u[i+1:]
		if len(name) > 100 {
			name = name[:100]
		}
		return name
	}
	return u
}

// PropertySchema describes one property of a data source: its name, type
// and the configuration of that type. The configuration of a type this
// package does not know is kept in Raw.
type PropertySchema struct {
	ID          string       `json:"id,omitempty"`
	Name        string       `json:"name"`
	Description *string      `json:"description,omitempty"`
	Type        PropertyType `json:"type"`

	Number      *NumberConfig   `json:"number,omitempty"`
	Select      *OptionsConfig  `json:"select,omitempty"`
	MultiSelect *OptionsConfig  `json:"multi_select,omitempty"`
	Status      *StatusConfig   `json:"status,omitempty"`
	Formula     *FormulaConfig  `json:"formula,omitempty"`
	Relation    *RelationConfig `json:"relation,omitempty"`
	Rollup      *RollupConfig   `json:"rollup,omitempty"`
	UniqueID    *UniqueIDConfig `json:"unique_id,omitempty"`

	Raw json.RawMessage `json:"-"`
}

// NumberConfig is the configuration of a number property.
type NumberConfig struct {
	Format string `json:"format"`
}

// OptionsConfig lists the options of a select or multi-select property.
type OptionsConfig struct {
	Options []SelectOption `json:"options"`
}

// StatusConfig lists the options and groups of a status property.
type StatusConfig struct {
	Options []SelectOption `json:"options"`
	Groups  []StatusGroup  `json:"groups"`
}

// FormulaConfig is the configuration of a formula property.
type FormulaConfig struct {
	Expression string `json:"expression"`
}

// RelationConfig is the configuration of a relation property.
type RelationConfig struct {
	DatabaseID     string    `json:"database_id,omitempty"`
	DataSourceID   string    `json:"data_source_id,omitempty"`
	Type           string    `json:"type,omitempty"` // "single_property" or "dual_property"
	SingleProperty *struct{} `json:"single_property,omitempty"`
	DualProperty   *struct {
		SyncedPropertyID   string `json:"synced_property_id,omitempty"`
		SyncedPropertyName string `json:"synced_property_name,omitempty"`
	} `json:"dual_property,omitempty"`
}

// QueryTarget returns the ID that the related pages are queried through
// under version v: the data source from 2025-09-03 on, the database
// before; "" when the schema does not say.
func (r *RelationConfig) QueryTarget(v string) string {
	if r == nil {
		return ""
	}
	if UsesDataSources(v) {
		return r.DataSourceID
	}
	return r.DatabaseID
}

// RollupConfig is the configuration of a rollup property.
type RollupConfig struct {
	Function             string `json:"function"`
	RelationPropertyName string `json:"relation_property_name,omitempty"`
	RelationPropertyID   string `json:"relation_property_id,omitempty"`
	RollupPropertyName   string `json:"rollup_property_name,omitempty"`
	RollupPropertyID     string `json:"rollup_property_id,omitempty"`
}

// UniqueIDConfig is the configuration of a unique ID property.
type UniqueIDConfig struct {
	Prefix *string `json:"prefix"`
}

// Options returns the options of a select, multi-select or status property.
func (p PropertySchema) Options() []SelectOption {
	switch {
	case p.Select != nil:
		return p.Select.Options
	case p.MultiSelect != nil:
		return p.MultiSelect.Options
	case p.Status != nil:
		return p.Status.Options
	}
	return nil
}

type propertySchemaFields PropertySchema

// UnmarshalJSON decodes a schema entry and keeps the configuration of an
// unknown type.
func (p *PropertySchema) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, (*propertySchemaFields)(p)); err != nil {
		return err
	}
	if p.Type.Known() {
		return nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	p.Raw = m[string(p.Type)]
	return nil
}

// MarshalJSON writes the entry with the configuration object of its type
// ({} for types without configuration).
func (p PropertySchema) MarshalJSON() ([]byte, error) {
	m := map[string]any{"name": p.Name, "type": p.Type}
	if p.ID != "" {
		m["id"] = p.ID
	}
	if p.Description != nil {
		m["description"] = *p.Description
	}
	var cfg any = struct{}{}
	switch {
	case p.Number != nil:
		cfg = p.Number
	case p.Select != nil:
		cfg = p.Select
	case p.MultiSelect != nil:
		cfg = p.MultiSelect
	case p.Status != nil:
		cfg = p.Status
	case p.Formula != nil:
		cfg = p.Formula
	case p.Relation != nil:
		cfg = p.Relation
	case p.Rollup != nil:
		cfg = p.Rollup
	case p.UniqueID != nil:
		cfg = p.UniqueID
	case p.Raw != nil:
		cfg = p.Raw
	}
	m[string(p.Type)] = cfg
	return json.Marshal(m)
}

// Schema is the ordered set of a data source's properties. It decodes from
// and encodes to the API's object keyed by property name, keeping the order
// in which the server listed them.
type Schema []PropertySchema

// Get returns the property with the given name or ID.
func (s Schema) Get(nameOrID string) (PropertySchema, bool) {
	for _, p := range s {
		if p.Name == nameOrID {
			return p, true
		}
	}
	for _, p := range s {
		if p.ID == nameOrID {
			return p, true
		}
	}
	return PropertySchema{}, false
}

// Title returns the title property.
func (s Schema) Title() (PropertySchema, bool) {
	for _, p := range s {
		if p.Type == PropTitle {
			return p, true
		}
	}
	return PropertySchema{}, false
}

// Names returns the property names in order.
func (s Schema) Names() []string {
	out := make([]string, len(s))
	for i, p := range s {
		out[i] = p.Name
	}
	return out
}

// Ordered returns the properties with the title first, then the others in
// server order, the order a table or a form shows them in.
func (s Schema) Ordered() Schema {
	out := slices.Clone(s)
	slices.SortStableFunc(out, func(a, b PropertySchema) int {
		switch {
		case a.Type == PropTitle && b.Type != PropTitle:
			return -1
		case b.Type == PropTitle && a.Type != PropTitle:
			return 1
		}
		return 0
	})
	return out
}

// UnmarshalJSON decodes the properties object in key order.
func (s *Schema) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok == nil {
		*s = nil
		return nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return fmt.Errorf("notionapi: properties: expected an object, got %v", tok)
	}
	out := Schema{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		var p PropertySchema
		if err := dec.Decode(&p); err != nil {
			return fmt.Errorf("notionapi: property %q: %w", key, err)
		}
		if p.Name == "" {
			p.Name = key
		}
		out = append(out, p)
	}
	*s = out
	return nil
}

// MarshalJSON encodes the properties as an object keyed by name, in order.
func (s Schema) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, p := range s {
		if i > 0 {
			buf.WriteByte(',')
		}
		writeJSON(&buf, p.Name)
		buf.WriteByte(':')
		b, err := json.Marshal(p)
		if err != nil {
			return nil, err
		}
		buf.Write(b)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}
