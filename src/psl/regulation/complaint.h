// Complaints (REG-3, CHO-6): categories, deadlines, outcomes. Pure domain.
#pragma once
