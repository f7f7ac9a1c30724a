#include "psl/payment/satisfaction.h"
