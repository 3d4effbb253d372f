// The hints are inline, in include/CMemoryHints.h; a C target needs one source file to build.
#include "CMemoryHints.h"
