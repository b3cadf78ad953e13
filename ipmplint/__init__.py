"""ipmplint: will IPMP failover really happen on this LDoms/Solaris server?"""

__version__ = "0.1.0"
