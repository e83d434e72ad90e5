/* libpq's types and constants only: the library itself is loaded at run time (LibPQ.swift in
   Backends), so nothing links -lpq. */
#include <postgresql/libpq-fe.h>
