#include "psl/store/inspection_table.h"
