/* version.h — the build's version (git describe), generated at build time. */
#ifndef BG_VERSION_H
#define BG_VERSION_H
extern const char bigre_version[];
#endif
