#include "psl/store/complaint_table.h"
