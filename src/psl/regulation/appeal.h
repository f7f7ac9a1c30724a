// Appeals and disputes (REG-5): pure domain.
#pragma once
