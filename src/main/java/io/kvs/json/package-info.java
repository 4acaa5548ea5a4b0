/** JSON input rules shared by every boundary that reads JSON bodies; depends on nothing else in kvs. */
package io.kvs.json;
