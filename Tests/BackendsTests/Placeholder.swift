import NIOCore
import NIOPosix
import Backends
