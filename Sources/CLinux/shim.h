/* Linux interfaces the Glibc module does not bring into Swift: epoll, eventfd, and malloc's
   tuning (mallopt, malloc_trim). */
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <malloc.h>
