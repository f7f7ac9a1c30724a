#include "psl/store/appeal_table.h"
