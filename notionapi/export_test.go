package notionapi

import (
	"context"
	"time"
)

// SetSleep replaces the client's waits (back-off, Retry-After, rate-limit
// pauses), so that tests observe them without letting time pass.
func SetSleep(c *Client, f func(ctx context.Context, d time.Duration) error) { c.sleep = f }
