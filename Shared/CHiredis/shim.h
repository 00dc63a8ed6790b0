#ifndef DEVMENTOR_CHIREDIS_SHIM_H
#define DEVMENTOR_CHIREDIS_SHIM_H
#include <hiredis/hiredis.h>
#include <hiredis/read.h>
#endif
