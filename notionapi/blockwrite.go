package notionapi

import (
	"context"
	"fmt"
	"net/http"
)

// MaxBlockElements is how many blocks, nested ones included, one request
// may carry (D:reference/request-limits: "1000 block elements").
const MaxBlockElements = 1000

// CountBlocks counts blocks and their nested children.
func CountBlocks(blocks []Block) int {
	n := 0
	for i := range blocks {
		n += 1 + CountBlocks(blocks[i].Children)
	}
	return n
}

// AppendBlockChildren adds blocks after the last child of a block or page
// and returns the blocks created (the first level). One call takes at most
// MaxPageSize blocks and MaxBlockElements in all. Like every write it is
// never retried after a server error or a broken connection: the blocks
// may have been added (see APIError.Committed and CommittedChildIDs).
func (c *Client) AppendBlockChildren(ctx context.Context, blockID string, children []Block) (*List[Block], error) {
	blockID, err := pathID("block", blockID)
	if err != nil {
		return nil, err
	}
	switch {
	case len(children) == 0:
		return nil, fmt.Errorf("notionapi: no blocks to append")
	case len(children) > MaxPageSize:
		return nil, fmt.Errorf("notionapi: %d blocks to append; one request takes at most %d", len(children), MaxPageSize)
	case CountBlocks(children) > MaxBlockElements:
		return nil, fmt.Errorf("notionapi: %d blocks to append, nested ones included; one request takes at most %d", CountBlocks(children), MaxBlockElements)
	}
	body := struct {
		Children []Block `json:"children"`
	}{children}
	var l List[Block]
	if err := c.do(ctx, request{method: http.MethodPatch, path: "/v1/blocks/" + blockID + "/children", body: body}, &l); err != nil {
		return nil, err
	}
	return &l, nil
}

// BlockBatches splits blocks into the batches of successive requests: at
// most MaxPageSize blocks and MaxBlockElements (nested ones included) in
// each. The first batch can go with a page create, the others through
// AppendBlockChildren. A block whose own subtree is too large for one
// request makes its own batch (and the request is refused).
func BlockBatches(blocks []Block) [][]Block {
	var out [][]Block
	var cur []Block
	n := 0
	for _, b := range blocks {
		size := 1 + CountBlocks(b.Children)
		if len(cur) > 0 && (len(cur) == MaxPageSize || n+size > MaxBlockElements) {
			out = append(out, cur)
			cur, n = nil, 0
		}
		cur = append(cur, b)
		n += size
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}
