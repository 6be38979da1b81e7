package notionapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

// Block types this package decodes into typed fields. Every other type
// (synced blocks, tables, columns, media, and types added to the API later)
// keeps its payload in Block.Raw.
const (
	BlockParagraph        = "paragraph"
	BlockHeading1         = "heading_1"
	BlockHeading2         = "heading_2"
	BlockHeading3         = "heading_3"
	BlockBulletedListItem = "bulleted_list_item"
	BlockNumberedListItem = "numbered_list_item"
	BlockToDo             = "to_do"
	BlockToggle           = "toggle"
	BlockQuote            = "quote"
	BlockCallout          = "callout"
	BlockCode             = "code"
	BlockDivider          = "divider"
	BlockChildPage        = "child_page"
	BlockChildDatabase    = "child_database"
	BlockEquation         = "equation"
	BlockBookmark         = "bookmark"
	BlockImage            = "image"
)

// Block is a piece of page content.
type Block struct {
	Object         string    `json:"object"`
	ID             string    `json:"id,omitempty"`
	Type           string    `json:"type"`
	Parent         *Parent   `json:"parent,omitempty"`
	CreatedTime    time.Time `json:"created_time"`
	LastEditedTime time.Time `json:"last_edited_time"`
	CreatedBy      *User     `json:"created_by,omitempty"`
	LastEditedBy   *User     `json:"last_edited_by,omitempty"`
	HasChildren    bool      `json:"has_children"`
	InTrash        bool      `json:"in_trash"`
	Archived       *bool     `json:"archived,omitempty"`

	Paragraph        *BlockText  `json:"paragraph,omitempty"`
	Heading1         *BlockText  `json:"heading_1,omitempty"`
	Heading2         *BlockText  `json:"heading_2,omitempty"`
	Heading3         *BlockText  `json:"heading_3,omitempty"`
	BulletedListItem *BlockText  `json:"bulleted_list_item,omitempty"`
	NumberedListItem *BlockText  `json:"numbered_list_item,omitempty"`
	ToDo             *BlockText  `json:"to_do,omitempty"`
	Toggle           *BlockText  `json:"toggle,omitempty"`
	Quote            *BlockText  `json:"quote,omitempty"`
	Callout          *BlockText  `json:"callout,omitempty"`
	Code             *BlockText  `json:"code,omitempty"`
	Divider          *struct{}   `json:"divider,omitempty"`
	ChildPage        *BlockTitle `json:"child_page,omitempty"`
	ChildDatabase    *BlockTitle `json:"child_database,omitempty"`
	Equation         *Equation   `json:"equation,omitempty"`
	Bookmark         *BlockMedia `json:"bookmark,omitempty"`
	Image            *BlockMedia `json:"image,omitempty"`

	// Children are sent with a create request; the API returns them
	// separately, through block children.
	Children []Block `json:"-"`

	// Raw holds the payload of a block type this package does not decode.
	Raw json.RawMessage `json:"-"`
}

// BlockText is the content of a text block: paragraph, headings, list
// items, to-do, toggle, quote, callout and code.
type BlockText struct {
	RichText     RichTexts `json:"rich_text"`
	Color        string    `json:"color,omitempty"`
	Checked      *bool     `json:"checked,omitempty"`       // to_do
	Language     string    `json:"language,omitempty"`      // code
	Caption      RichTexts `json:"caption,omitempty"`       // code
	Icon         *Icon     `json:"icon,omitempty"`          // callout
	IsToggleable bool      `json:"is_toggleable,omitempty"` // headings
}

// BlockTitle is the content of a child page or child database block.
type BlockTitle struct {
	Title string `json:"title"`
}

// BlockMedia is the content of a bookmark or an image.
type BlockMedia struct {
	URL      string    `json:"url,omitempty"`
	Type     string    `json:"type,omitempty"`
	External *FileURL  `json:"external,omitempty"`
	File     *FileURL  `json:"file,omitempty"`
	Caption  RichTexts `json:"caption,omitempty"`
}

// Text returns the text content of a text block, or nil for other types.
func (b *Block) Text() *BlockText {
	switch b.Type {
	case BlockParagraph:
		return b.Paragraph
	case BlockHeading1:
		return b.Heading1
	case BlockHeading2:
		return b.Heading2
	case BlockHeading3:
		return b.Heading3
	case BlockBulletedListItem:
		return b.BulletedListItem
	case BlockNumberedListItem:
		return b.NumberedListItem
	case BlockToDo:
		return b.ToDo
	case BlockToggle:
		return b.Toggle
	case BlockQuote:
		return b.Quote
	case BlockCallout:
		return b.Callout
	case BlockCode:
		return b.Code
	}
	return nil
}

func (b *Block) setText(t *BlockText) bool {
	switch b.Type {
	case BlockParagraph:
		b.Paragraph = t
	case BlockHeading1:
		b.Heading1 = t
	case BlockHeading2:
		b.Heading2 = t
	case BlockHeading3:
		b.Heading3 = t
	case BlockBulletedListItem:
		b.BulletedListItem = t
	case BlockNumberedListItem:
		b.NumberedListItem = t
	case BlockToDo:
		b.ToDo = t
	case BlockToggle:
		b.Toggle = t
	case BlockQuote:
		b.Quote = t
	case BlockCallout:
		b.Callout = t
	case BlockCode:
		b.Code = t
	default:
		return false
	}
	return true
}

// NewTextBlock returns a text block of the given type (paragraph,
// heading_1, bulleted_list_item, …) holding plain text.
func NewTextBlock(typ, text string) Block {
	b := Block{Object: "block", Type: typ}
	t := &BlockText{RichText: PlainText(text)}
	if typ == BlockCode {
		t.Language = "plain text"
	}
	if !b.setText(t) {
		panic(fmt.Sprintf("notionapi: %q is not a text block type", typ))
	}
	return b
}

// NewToDo returns a to-do block.
func NewToDo(text string, checked bool) Block {
	b := NewTextBlock(BlockToDo, text)
	b.ToDo.Checked = &checked
	return b
}

// NewCode returns a code block in the given language.
func NewCode(code, language string) Block {
	b := NewTextBlock(BlockCode, code)
	if language != "" {
		b.Code.Language = language
	}
	return b
}

// NewDivider returns a divider block.
func NewDivider() Block { return Block{Object: "block", Type: BlockDivider, Divider: &struct{}{}} }

var knownBlockTypes = map[string]bool{
	BlockParagraph: true, BlockHeading1: true, BlockHeading2: true, BlockHeading3: true,
	BlockBulletedListItem: true, BlockNumberedListItem: true, BlockToDo: true, BlockToggle: true,
	BlockQuote: true, BlockCallout: true, BlockCode: true, BlockDivider: true,
	BlockChildPage: true, BlockChildDatabase: true, BlockEquation: true, BlockBookmark: true,
	BlockImage: true,
}

type blockFields Block

// UnmarshalJSON decodes a block and keeps the payload of other types.
func (b *Block) UnmarshalJSON(data []byte) error {
	if err := json.Unmarshal(data, (*blockFields)(b)); err != nil {
		return err
	}
	if knownBlockTypes[b.Type] {
		return nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	b.Raw = m[b.Type]
	return nil
}

// MarshalJSON writes a block for a request: its type and payload, with
// children nested inside the payload as the API expects.
func (b Block) MarshalJSON() ([]byte, error) {
	var payload []byte
	var err error
	switch {
	case b.Text() != nil:
		payload, err = marshalWithChildren(b.Text(), b.Children)
	case b.Type == BlockDivider:
		payload = []byte("{}")
	case b.ChildPage != nil:
		payload, err = json.Marshal(b.ChildPage)
	case b.ChildDatabase != nil:
		payload, err = json.Marshal(b.ChildDatabase)
	case b.Equation != nil:
		payload, err = json.Marshal(b.Equation)
	case b.Bookmark != nil:
		payload, err = json.Marshal(b.Bookmark)
	case b.Image != nil:
		payload, err = json.Marshal(b.Image)
	case b.Raw != nil:
		payload = b.Raw
	default:
		return nil, fmt.Errorf("notionapi: block of type %q has no content", b.Type)
	}
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.WriteString(`{"object":"block"`)
	if b.ID != "" {
		buf.WriteString(`,"id":`)
		writeJSON(&buf, b.ID)
	}
	buf.WriteString(`,"type":`)
	writeJSON(&buf, b.Type)
	buf.WriteByte(',')
	writeJSON(&buf, b.Type)
	buf.WriteByte(':')
	buf.Write(payload)
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

func marshalWithChildren(t *BlockText, children []Block) ([]byte, error) {
	if len(children) == 0 {
		return json.Marshal(t)
	}
	type withChildren struct {
		*BlockText
		Children []Block `json:"children"`
	}
	return json.Marshal(withChildren{t, children})
}
