/* Linux interfaces the Glibc module does not bring into Swift: epoll and eventfd. */
#include <sys/epoll.h>
#include <sys/eventfd.h>
