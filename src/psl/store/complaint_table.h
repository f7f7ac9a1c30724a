// Storage of complaints (REG-3).
#pragma once
