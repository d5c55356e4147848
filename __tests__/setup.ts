import { Testing } from "cdktf";

// Turns on cdktf's jest matchers (toHaveResourceWithProperties, toBeValidTerraform, ...).
Testing.setupJest();
