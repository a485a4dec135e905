/* Empty on purpose: the real library is the Debian one found by pkg-config. */
