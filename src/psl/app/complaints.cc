#include "psl/app/complaints.h"
