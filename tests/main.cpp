#define BOOST_TEST_MODULE checklint
#include <boost/test/unit_test.hpp>
