// Use cases of complaints (REG-3, CHO-6).
#pragma once
