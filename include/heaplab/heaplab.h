/* heaplab/heaplab.h: the whole public C API. */
#ifndef HEAPLAB_H
#define HEAPLAB_H

#include "allocator.h"
#include "copy.h"
#include "dict.h"
#include "error.h"
#include "float.h"
#include "fragmentation.h"
#include "gc.h"
#include "heap.h"
#include "int.h"
#include "list.h"
#include "object.h"
#include "operators.h"
#include "runtime.h"
#include "set.h"
#include "snapshot.h"
#include "str.h"
#include "tuple.h"
#include "value.h"

#endif
