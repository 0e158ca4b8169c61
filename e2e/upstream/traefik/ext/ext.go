// Package ext stands in for Traefik's nested dynamic/ext module, which the module proxy does not
// serve. Traefik's open-source build embeds these two types and leaves them empty.
package ext

// HTTP is embedded inline in Traefik's dynamic HTTP configuration.
type HTTP struct{}

// Router is embedded inline in Traefik's HTTP router configuration.
type Router struct{}
