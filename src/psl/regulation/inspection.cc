#include "psl/regulation/inspection.h"
