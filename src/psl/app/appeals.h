// Use cases of appeals and disputes (REG-5).
#pragma once
