// A build worker that dies before answering, as one killed by the out-of-memory guard would.
process.exit(3);
