package content

import "syscall"

// errTooManyLinks is what opening a symbolic link loop fails with.
func errTooManyLinks() error { return syscall.ELOOP }
