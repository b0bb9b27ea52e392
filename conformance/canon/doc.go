// Package canon turns Go values into the canonical JSON defined in vectors/README.md.
package canon
