// Use cases of mystery shopping (REG-2).
#pragma once
