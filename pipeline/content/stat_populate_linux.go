package content

import "golang.org/x/sys/unix"

// mapPopulate maps every page of the index at once instead of one fault at
// a time.
const mapPopulate = unix.MAP_POPULATE
