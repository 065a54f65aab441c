//go:build darwin || freebsd || netbsd || openbsd || dragonfly

package content

const mapPopulate = 0
