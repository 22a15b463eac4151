/* placeholder */
#include "hospitality/hospitality.h"
bg_status hospitality_demo_seed(db *d, bg_error *err)
{
	(void)d;
	(void)err;
	return BG_OK;
}
