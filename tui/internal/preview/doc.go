// Package preview shows a page: its properties and its content blocks,
// scrollable, with keys to copy its ID and URL and open it in the browser.
package preview
