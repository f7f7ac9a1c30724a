#include "psl/regulation/appeal.h"
