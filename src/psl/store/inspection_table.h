// Storage of inspection rubrics and findings (REG-2).
#pragma once
