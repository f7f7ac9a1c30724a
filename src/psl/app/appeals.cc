#include "psl/app/appeals.h"
