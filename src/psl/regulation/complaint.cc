#include "psl/regulation/complaint.h"
