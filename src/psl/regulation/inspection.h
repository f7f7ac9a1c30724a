// Mystery shopping (REG-2): the rubric and inspection findings. Pure domain.
#pragma once
