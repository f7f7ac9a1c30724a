#include "psl/app/inspections.h"
